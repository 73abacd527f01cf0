# encoding: utf-8
# The serving routes of the GOV.UK Service Manual's app.rb (shared/corpus/service-manual-2016/app.rb),
# for the differential test. Left out: its search route (it needs gds_api) and its site-specific
# `get '/' do redirect '/service-manual' end`, so '/' is served from _site/index.html by the '*'
# route. Run it from the site's source folder (it serves ./_site):
#   ruby app.rb -p PORT -o 127.0.0.1
require 'optparse'
require 'sinatra/base'
require 'webrick'

port = 4567
bind = '127.0.0.1'
OptionParser.new do |options|
  options.on('-p PORT', Integer) { |value| port = value }
  options.on('-o ADDRESS') { |value| bind = value }
end.parse!(ARGV)

class ServiceManual < Sinatra::Base
  set :server, 'webrick'
  set :logging, false

  before do
    cache_control :public, :must_revalidate, :max_age => 3600
  end

  # The one change to the routes: the redirect target is percent-encoded. The original writes the
  # decoded path ("/a b") into Location; production servers send it as it is and browsers encode
  # the space when they follow it, but WEBrick refuses the header and drops the connection, which
  # no reader of the real site ever saw.
  get '*.html' do
    request_path_without_suffix = params[:splat][0]
    redirect URI::DEFAULT_PARSER.escape(request_path_without_suffix)
  end

  get '*/index' do
    request_path_without_trailing_index = params[:splat][0]
    redirect URI::DEFAULT_PARSER.escape(request_path_without_trailing_index)
  end

  get '*' do
    jekyll_root = '_site'
    request_path = params[:splat][0]

    index_file = File.join(jekyll_root, request_path, 'index.html')
    html_file = File.join(jekyll_root, request_path + '.html')
    static_file = File.join(jekyll_root, request_path)

    if FileTest.file? index_file
      send_file index_file
    elsif FileTest.file? html_file
      send_file html_file
    elsif FileTest.file? static_file
      send_file static_file
    else
      status 404
      return "No file exists to serve #{request_path}"
    end
  end
end

ServiceManual.run!(port: port, bind: bind)
